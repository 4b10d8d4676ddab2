import { describeDistributionPreflight } from '@akc/core/testing';
import lane from '../src';

describeDistributionPreflight('firebase lane', lane);
